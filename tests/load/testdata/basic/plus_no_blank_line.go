// +build windows
package basic
