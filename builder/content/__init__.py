"""Content layer: content/ read once into a `Corpus` of typed records.

files (the one walker: regular files only), frontmatter (bytes → YAML with positions), model
(the front-matter contract, pydantic), corpus (load; records with key and URL), keys (canonical
numbers), localities (official 2025 units), attachments (which files of content/tep/ are
published), markdown (the parser used to look at bodies), schema (JSON Schemas for editors),
stubs (the one writer of registry stubs), newplan (`congkhai new`).
"""
