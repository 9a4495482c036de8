package nogoline
