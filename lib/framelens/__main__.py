from framelens.cli import main

raise SystemExit(main())
