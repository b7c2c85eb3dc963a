from editlint.cli import main

main()
