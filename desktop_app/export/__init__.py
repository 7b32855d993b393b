"""Writers: the nqdesk JSON interchange file (Word and Excel come later). No Qt."""
