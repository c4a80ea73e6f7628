"""Publish layer: from the staged Markdown to the published folder.

sitebuild (the only module that knows mkdocs and Pagefind), sanitize (the allow-list in the
renderer), exports (api/), feeds (feed.xml, lich.ics), reproducible (dates and bytes that do
not depend on the clock), csp (hashes of the theme's inline scripts), linkcheck and nothing_lost
(the checks that refuse to publish), atomic (the build lock and the swap into site/).
"""
