"""Date fields bounded to years a shop or an exam can use (1900–2100), with a French error.

WTForms accepts « 0001-01-01 » or « 9999-12-31 »; one day before or after them overflows Python's
dates in the date arithmetic of promotions, statistics and the seat clock (a 500 instead of a message).
"""

from __future__ import annotations

from wtforms import fields

MIN_YEAR, MAX_YEAR = 1900, 2100
OUT_OF_RANGE = f"Indiquez une date entre {MIN_YEAR} et {MAX_YEAR} (exemple : 20/05/2027)."


def _bounded(field) -> None:
    # The date is kept (the form is invalid anyway): DataRequired would replace our message when empty.
    if field.data is not None and not MIN_YEAR <= field.data.year <= MAX_YEAR:
        raise ValueError(OUT_OF_RANGE)


class DateField(fields.DateField):
    """A date between 1900 and 2100; what was typed is shown back with the error."""

    def process_formdata(self, valuelist):
        """Parse, then refuse a year outside 1900–2100."""
        super().process_formdata(valuelist)
        _bounded(self)


class DateTimeLocalField(fields.DateTimeLocalField):
    """A date and time between 1900 and 2100; what was typed is shown back with the error."""

    def process_formdata(self, valuelist):
        """Parse, then refuse a year outside 1900–2100."""
        super().process_formdata(valuelist)
        _bounded(self)
