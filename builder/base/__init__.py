"""base layer (see docs/ARCHITECTURE.md)."""
