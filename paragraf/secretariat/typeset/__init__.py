"""Typesetting of the secretariat: the notice (kallelse), the meeting packet (handlingar), the minutes
(protokoll), extracts (protokollsutdrag) and corrections (rättelse) as PDF.

Pure Python, no Django: `model` and `minutes_model` hold the dataclasses the secretariat converts its
records into; `notice.notice_pdf`, `minutes.minutes_pdf`, `minutes.extract_pdf` and
`correction.correction_pdf` typeset with Typst (`layout` is what they share); `packet.packet_pdf`
assembles the packet with pikepdf.
"""
