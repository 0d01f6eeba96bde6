using System.CommandLine;
var root = new RootCommand("infercost");
var opt = new Option<int>("--input") { Description = "x" };
var cmd = new Command("quote", "Quote");
cmd.Options.Add(opt);
cmd.SetAction(pr => { Console.WriteLine(pr.GetValue(opt)); return 0; });
root.Subcommands.Add(cmd);
return root.Parse(args).Invoke();
