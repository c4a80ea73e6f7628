"""validate layer (see docs/ARCHITECTURE.md)."""
