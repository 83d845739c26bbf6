"""The secretariat: the board secretary prepares a meeting in Paragraf (cases, documents, agenda, the
called, the notice and the packet as PDF, publishing). A meeting prepared here is the same `Meeting`
with the same `AgendaItem`s and `Invitation`s the importer writes, without a source file."""
