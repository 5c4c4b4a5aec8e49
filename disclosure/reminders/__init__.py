"""Reminder e-mails to each body: what falls due soon and what is overdue."""
