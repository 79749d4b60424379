"""``python -m pipeline`` runs the ``unga-ld`` command."""

if __name__ == "__main__":
    from pipeline.cli import main

    main()
