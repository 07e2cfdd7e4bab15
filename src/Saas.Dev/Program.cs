Console.WriteLine("The demo arrives with the install issue.");
