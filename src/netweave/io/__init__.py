"""Readers and writers of standard formats: LinkedIn exports, vCard, CSV, iCalendar, mbox."""
