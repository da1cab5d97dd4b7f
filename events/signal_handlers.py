def fill_places_after_publish(sender, instance, **kwargs):
    """An editor may have raised the capacity: promote whoever now fits from the waiting list."""
    from .services import fill_places

    fill_places(event=instance)
