from mou_reconcile.cli import main

main()
