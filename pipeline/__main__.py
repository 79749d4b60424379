"""``python -m pipeline`` runs the ``unga-ld`` command."""

if __name__ == "__main__":
    from .cli import main

    main()
