"""One module per tab, in the order a person works: projects, brief, spec, animatic, chunks,
timeline, export. Each has `build(ui)`, which makes its components, wires thin handlers that
call the pipeline through `studio.core.Studio`, and registers how it refreshes from a project."""
