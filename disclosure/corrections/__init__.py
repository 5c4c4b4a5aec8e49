"""The public correction log (更正与撤回记录): entries, the corrections that write them, its pages."""
