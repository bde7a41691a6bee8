"""The pages of the Reports window, named apart so menus need not load the window."""

MONTHLY, BOOK, STOCK, DEADLINES = "monthly", "book", "stock", "deadlines"
