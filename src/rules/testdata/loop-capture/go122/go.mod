module example.com/loop-capture/go122

go 1.22
