from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "paragraf.search"
    label = "search"
    verbose_name = "Search"

    def ready(self) -> None:
        from paragraf.records.signals import packet_stored

        packet_stored.connect(_index_stored_packet, dispatch_uid="paragraf.search.index_stored_packet")


def _index_stored_packet(sender, source_file, text_lines=None, **kwargs) -> None:
    from paragraf.search.index import index_source_file

    index_source_file(source_file, text_lines)
