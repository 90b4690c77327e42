using ClcNet.Cli;

return Clcgen.Run(args, Console.Out, Console.Error);
