"""Typesetting of the secretariat: the notice (kallelse) and the meeting packet (handlingar) as PDF.

Pure Python, no Django: `model` holds the dataclasses the secretariat converts its records into,
`notice.notice_pdf` typesets a notice with Typst, `packet.packet_pdf` assembles the packet with pikepdf.
"""
