//+build   windows  

package edgecases
