"""Publishing: notebook helpers, the one notebook runner, offline HTML reports, exports."""
