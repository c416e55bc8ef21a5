"""Kompas: a discreet, safe place for boys in the Netherlands who are or were sexually exploited."""
