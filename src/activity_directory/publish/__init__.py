"""Files written for other programs: feeds, open data, search, images, and output safety."""
