"""Render newsletter issues written as specs into the formats the pipeline reads.

The same spec renders to plain text, PDF (one, two or three columns) and HTML
(e-mailing template, web page), and knows its own article boundaries, so tests can
assert real segmentation. The demo corpus is rendered from specs in
`tools/demo_issues/`.
"""
