/* leading
   block comment */ package deeper
