"""Signals other apps listen to, so that records never imports them."""
from django.dispatch import Signal

# Sent at the end of storing a packet, inside its transaction: `source_file` is the SourceFile written.
packet_stored = Signal()
