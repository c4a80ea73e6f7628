"""The public website: page generators (pages, tasks, notices), the escaping of values written
into generated Markdown or HTML (escape), what the pages add to Pagefind (search), and the page
weight measured by the tests and the benchmark (weight). Dates and words for readers:
builder.base.vietnamese."""
