package edgecases
