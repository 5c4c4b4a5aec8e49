"""Each body's 政府信息公开 column: its guide, rules, proactive content, annual
reports and the way to apply."""
