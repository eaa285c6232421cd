"""Test issues rendered by toolchains we do not control, and a scorer for them.

Our own renderers (tools/issuegen) are what the segmenter learnt from; here the same
specs go through LibreOffice, a Word round trip, Chromium's CSS columns, an MJML
e-mailing and a 2000s table page, then `score` reads them back with kb.extract and
kb.segment. See `python -m tools.toolchains --help` and tools/toolchains/metric.py.
"""
