from mou_reconcile.console import main

main()
