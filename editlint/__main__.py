from editlint.entry import main

main()
