from ita_analysis.cli import main

main()
