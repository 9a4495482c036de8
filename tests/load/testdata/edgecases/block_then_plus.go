/* license
   text */

// +build windows

package edgecases
