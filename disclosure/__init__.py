"""Publishing under local catalog items: review, deadlines, public pages."""
