"""On-request disclosure (依申请公开): applications, the legal clocks, replies."""
