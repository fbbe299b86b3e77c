"""Pages of the strategy app, one module per area (plans, parts, SWOT, import, editions)."""
