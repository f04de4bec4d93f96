"""The news agencies a report may be from, one list for every stage that reads them.

The claims stage leaves a dateline's agency ("DAMASCUS, Oct 30 (Reuters) - ") and a title's header
("... Monitor AFP Friday 29 Jul 2016") out of the first sentence (``claims.segment``); provenance reads an
article's credit of a wire ("according to AFP", the same header) as the text being the wire's in every outlet
that prints it (``reuse.provenance``). Each kept its own list, and provenance imported claims' private pattern
of the header's day. One list now, in a module of its own so neither stage loads the other for it.
"""

from __future__ import annotations

#: the wires an article may credit for its text, by the names a credit writes (short and full)
WIRES = ("AFP", "Agence France-Presse", "AP", "Associated Press", "Reuters", "UPI", "dpa", "Xinhua", "Anadolu",
         "TASS", "RIA Novosti", "Sputnik", "SANA")
#: the agencies a dateline names as a report's source: the wires, and CNN, which datelines its own reports
#: so ("FERGUSON, St. Louis (CNN) —") though no outlet prints them as a wire's
DATELINE_AGENCIES = (*WIRES, "CNN")
#: a regular expression (a pattern's source, no group) of a day as an agency's header writes it after the
#: agency: the weekday, the day, the month's name and the year ("Sunday 23 Oct 2016", "Friday 29 July 2016")
WEEKDAY_DATE_PATTERN = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day \d{1,2} [A-Z][a-z]{2,8} \d{4}\b"
