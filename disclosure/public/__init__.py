"""The public side: pages by place and level, search, feeds, sitemap and open data."""
