from ctkb.cli import main

main()
