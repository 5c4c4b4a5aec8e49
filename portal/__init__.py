"""Project package: settings, URLs, tenancy (regions, organisations, roles) and the calendar."""
