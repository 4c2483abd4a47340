using Assessor.Cli;

return CliCommands.Run(args, Console.Out, Console.Error);
