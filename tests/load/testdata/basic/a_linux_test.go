package basic
