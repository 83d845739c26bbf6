"""Signals other apps listen to, so that records never imports them."""
from django.dispatch import Signal

# Sent at the end of storing a packet, inside its transaction: `source_file` is the SourceFile written,
# `text_lines` the cleaned text lines the parser read, as (source line, text), or None.
packet_stored = Signal()
