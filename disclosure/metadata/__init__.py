"""Document metadata as 政府信息公开 listings show it: 索引号, 文号, 主题分类."""
