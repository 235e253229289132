"""Server-rendered HTML pages and the offset-based renderers behind them."""
