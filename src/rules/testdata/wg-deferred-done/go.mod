module example.com/wg-deferred-done

go 1.21
