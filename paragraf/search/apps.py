from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "paragraf.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from paragraf.records.signals import packet_stored

        from paragraf.privacy.rules import masking_rule_changed

        from paragraf.search import sync

        packet_stored.connect(_index_stored_packet, dispatch_uid="paragraf.search.index_stored_packet")
        sync.connect()
        masking_rule_changed.connect(_index_packets_holding, dispatch_uid="paragraf.search.index_masking_rule")


def _index_stored_packet(sender, source_file, text_lines=None, **kwargs) -> None:
    from paragraf.search.index import index_source_file

    index_source_file(source_file, text_lines)


def _index_packets_holding(sender, value: str, **kwargs) -> None:
    """A masking rule changed: the entries of every packet holding its value are masked anew."""
    from paragraf.privacy.rules import source_files_holding
    from paragraf.search.index import index_source_file

    for source_file in source_files_holding(value):
        index_source_file(source_file)
